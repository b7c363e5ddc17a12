import root from 'kit'
import { feature } from 'kit/features/alpha'
import pkg from 'kit/package.json'
console.log(root, feature, pkg.name)
