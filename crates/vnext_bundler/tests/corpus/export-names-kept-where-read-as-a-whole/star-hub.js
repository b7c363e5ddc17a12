export * from './star-source.js'
export const hub = 'hub'
