self.onmessage = () => {}
