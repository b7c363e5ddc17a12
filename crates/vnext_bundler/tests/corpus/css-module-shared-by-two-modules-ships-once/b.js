import styles from './badge.module.css'
export const b = styles.badge
