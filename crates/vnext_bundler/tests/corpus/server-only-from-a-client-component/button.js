'use client'
import { secret } from './secret.js'
export function Button() { return secret }
