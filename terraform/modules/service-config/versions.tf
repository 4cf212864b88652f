# No providers: this module only computes values, so terraform/rehearsal and the tests evaluate
# it offline with `terraform apply`.
terraform {
  required_version = ">= 1.6"
}
