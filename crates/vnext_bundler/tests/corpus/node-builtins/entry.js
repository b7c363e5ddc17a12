import { join } from 'node:path'
import path from 'path'
import * as os from 'os'
console.log(join('a', 'b'), path.basename('/x/y.txt'), typeof os.platform)
