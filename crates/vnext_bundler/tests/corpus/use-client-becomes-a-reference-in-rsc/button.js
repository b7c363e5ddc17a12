'use client'
export function Button() { return 'the real button' }
