'use client'
import './button.css'

export function Button() {
  return 'button'
}
