"""Pure IAM computations over the model: what each entry grants, the policies and deployment of a
credential, its history, its security review and how two credentials differ."""
