export default function pad(text, width) {
  return text.padStart(width, '0')
}
