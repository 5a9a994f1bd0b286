provider "aws" {
  region = "af-south-1"

  default_tags {
    tags = {
      Project     = "site-builder"
      Environment = "prod"
      ManagedBy   = "terraform"
    }
  }
}

module "environment" {
  source = "../../modules/environment"

  environment         = "prod"
  deletion_protection = true
  deployment          = local.deployment

  # What this environment pays for: task size and count, log retention, zones and NAT gateways, old object versions.
  size = {
    cpu                     = 2048
    memory                  = 4096
    desired_count           = 3
    min_count               = 3
    max_count               = 12
    log_retention_days      = 90
    az_count                = 3
    nat_gateway_count       = 3
    noncurrent_version_days = 90
  }
}
