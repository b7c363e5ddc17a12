const date = /(?<year>\d{4})-(?<month>\d{2})/u.exec('2026-11')
const words = 'a1b22c333'.match(/\d+/g)
console.log(date.groups.year, date.groups.month, words.join('|'), /^\p{Lu}/u.test('Émile'))
