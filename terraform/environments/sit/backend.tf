# The provider versions are the modules' (modules/*/versions.tf); a root adds only where its state lives.
terraform {
  # State lives in the one state bucket (eu-west-1) with a DynamoDB lock; docs/deployment.md bootstraps both.
  # The bucket name carries the account id, so it is given at init:
  #   terraform init -backend-config="bucket=site-builder-terraform-state-$ACCOUNT_ID"
  backend "s3" {
    key            = "site-builder/sit/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "site-builder-terraform-locks"
    encrypt        = true
  }
}
