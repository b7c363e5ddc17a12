const settled = await_all()
async function await_all() {
  const results = await Promise.allSettled([Promise.resolve('ok'), Promise.reject(new Error('no'))])
  const first = await Promise.any([Promise.reject(new Error('x')), Promise.resolve('any')])
  return [results.map((r) => r.status).join(','), first]
}
settled.then(([statuses, first]) => console.log(statuses, first))
