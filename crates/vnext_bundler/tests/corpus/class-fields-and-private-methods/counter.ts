export class Counter {
  static created = 0
  #count = 0
  constructor() { Counter.created += 1 }
  bump(): void { this.#increment() }
  #increment() { this.#count += 1 }
  get value(): number { return this.#count }
}
