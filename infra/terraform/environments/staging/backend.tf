terraform {
  # State per environment in its own key; the bucket and lock table are created once per account.
  backend "s3" {
    bucket         = "fieldops-terraform-state"
    key            = "staging/terraform.tfstate"
    region         = "eu-west-3"
    encrypt        = true
    dynamodb_table = "fieldops-terraform-locks"
  }
}
