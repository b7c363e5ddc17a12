import 'server-only'
export const secret = 'only for the server'
