provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      Project     = "site-builder"
      Environment = "sit"
      ManagedBy   = "terraform"
    }
  }
}

module "environment" {
  source = "../../modules/environment"

  environment         = "sit"
  deletion_protection = false
  deployment          = local.deployment

  # What this environment pays for: task size and count, log retention, zones and NAT gateways, old object versions.
  size = {
    cpu                     = 1024
    memory                  = 2048
    desired_count           = 2
    min_count               = 2
    max_count               = 4
    log_retention_days      = 30
    az_count                = 2
    nat_gateway_count       = 1
    noncurrent_version_days = 30
  }
}
