import { isMainThread } from 'node:worker_threads'

export const double = (number) => number * 2
export const realm = () => (isMainThread ? 'main thread' : 'worker thread')
