import './theme.scss'
