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

locals {
  environment = "prod"

  # What this environment pays for: task size and count, log retention, NAT gateways, old object versions.
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

module "network" {
  source = "../../modules/network"

  environment       = local.environment
  az_count          = local.size.az_count
  nat_gateway_count = local.size.nat_gateway_count

  create_vpc                  = var.existing_vpc_id == ""
  existing_vpc_id             = var.existing_vpc_id
  existing_public_subnet_ids  = var.existing_public_subnet_ids
  existing_private_subnet_ids = var.existing_private_subnet_ids
}

module "storage" {
  source = "../../modules/storage"

  environment             = local.environment
  bucket_name_suffix      = var.bucket_name_suffix
  deletion_protection     = true
  noncurrent_version_days = local.size.noncurrent_version_days
}

module "auth" {
  source = "../../modules/auth"

  environment         = local.environment
  deletion_protection = true
}

module "service" {
  source = "../../modules/service"

  environment         = local.environment
  deletion_protection = true

  vpc_id             = module.network.vpc_id
  public_subnet_ids  = module.network.public_subnet_ids
  private_subnet_ids = module.network.private_subnet_ids

  image_tag       = var.image_tag
  domain_name     = var.domain_name
  hosted_zone_id  = var.hosted_zone_id
  certificate_arn = var.certificate_arn

  cpu                = local.size.cpu
  memory             = local.size.memory
  desired_count      = local.size.desired_count
  min_count          = local.size.min_count
  max_count          = local.size.max_count
  log_retention_days = local.size.log_retention_days

  generation_table_name = module.storage.generation_table_name
  operations_table_name = module.storage.operations_table_name
  table_arns            = module.storage.table_arns
  assets_bucket_name    = module.storage.assets_bucket_name
  sites_bucket_name     = module.storage.sites_bucket_name
  bucket_arns           = module.storage.bucket_arns

  generation_provider = var.generation_provider
  bedrock_model_id    = var.bedrock_model_id
  bedrock_region      = var.bedrock_region
  images_provider     = var.images_provider

  cognito_user_pool_id = module.auth.user_pool_id
  cognito_client_id    = module.auth.app_client_id
}

module "monitoring" {
  source = "../../modules/monitoring"

  environment              = local.environment
  alarm_email              = var.alarm_email
  cluster_name             = module.service.cluster_name
  service_name             = module.service.service_name
  load_balancer_arn_suffix = module.service.load_balancer_arn_suffix
  target_group_arn_suffix  = module.service.target_group_arn_suffix
}
