console.log('shared, once')
