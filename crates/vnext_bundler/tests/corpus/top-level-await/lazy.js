export const answer = await Promise.resolve('answered')
