import { list, type Props, type Named } from './list.tsx'
const props: Props<Named> = { items: [{ name: 'a' }, { name: 'b' }], render: (item) => item.name.toUpperCase() }
console.log(list<Named>(props))
