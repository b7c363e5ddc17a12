export const café = 'crème brûlée'
export const π = 3.14159
export const emoji = '🚀 launch'
