export default function StatsDefault() {
  return null
}
