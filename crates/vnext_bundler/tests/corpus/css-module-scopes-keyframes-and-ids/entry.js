import styles from './spinner.module.css'

// Keyframes and ids are scoped like classes; :global names are left alone.
console.log(Object.keys(styles).sort().join(', '))
console.log(styles.spin.endsWith('_spin'), styles.spinner.endsWith('_spinner'))
