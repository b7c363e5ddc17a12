// An aliased specifier leads to the file it names; the package of that name is never
// looked for.
import { where } from 'framework/navigation'
import pad from 'left-pad'

console.log(where(), pad('7', 3))
