import styles from './lazy.module.css'

export const className = styles.panel
