module eval.hello {}
