provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      Project     = "site-builder"
      Environment = "dev"
      ManagedBy   = "terraform"
    }
  }
}

module "environment" {
  source = "../../modules/environment"

  environment         = "dev"
  deletion_protection = false
  deployment          = local.deployment

  # What this environment pays for: task size and count, log retention, zones and NAT gateways, old object versions.
  size = {
    cpu                     = 512
    memory                  = 1024
    desired_count           = 1
    min_count               = 1
    max_count               = 2
    log_retention_days      = 14
    az_count                = 2
    nat_gateway_count       = 1
    noncurrent_version_days = 30
  }
}
