console.log(process.env.NEXT_PUBLIC_GREETING)
console.log(process.env.NODE_ENV === 'production' ? 'prod' : 'dev')
