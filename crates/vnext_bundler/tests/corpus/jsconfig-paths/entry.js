// A JavaScript app's `paths` live in jsconfig.json, which Next reads as it reads a
// tsconfig.json.
import { greeting } from '@/components/greeting'

console.log(greeting)
