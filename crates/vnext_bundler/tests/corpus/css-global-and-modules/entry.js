import './reset.css'
import styles from './button.module.css'
import { card } from './card.module.css'
import './theme.css'

console.log(styles.button)
console.log(styles.primary)
console.log(card)
