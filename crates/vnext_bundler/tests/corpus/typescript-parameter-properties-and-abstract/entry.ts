abstract class Animal {
  constructor(protected readonly name: string) {}
  abstract sound(): string
  speak(): string { return `${this.name} says ${this.sound()}` }
}
class Dog extends Animal {
  constructor(name: string, private loud = false) { super(name) }
  sound() { return this.loud ? 'WOOF' : 'woof' }
}
console.log(new Dog('Rex').speak(), new Dog('Max', true).speak())
