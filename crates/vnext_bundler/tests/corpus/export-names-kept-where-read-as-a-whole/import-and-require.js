import { value } from './required.js'

const required = require('./required.js')
export const requiredValue = value
export const requiredKeys = Object.keys(required).join(',')
