terraform {
  required_version = ">= 1.11.0, < 2.0.0"

  # State per environment in its own key; the bucket and lock table are created once per account.
  backend "s3" {
    bucket         = "fieldops-terraform-state"
    key            = "staging/terraform.tfstate"
    region         = "eu-west-3"
    encrypt        = true
    dynamodb_table = "fieldops-terraform-locks"
  }

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
    helm = {
      source  = "hashicorp/helm"
      version = "~> 2.16"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.35"
    }
  }
}
