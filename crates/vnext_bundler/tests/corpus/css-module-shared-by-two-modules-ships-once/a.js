import styles from './badge.module.css'
export const a = styles.badge
