import 'client-only'
export function Page() { return 'a server component' }
