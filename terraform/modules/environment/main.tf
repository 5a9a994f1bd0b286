# One environment of the portal: the five modules wired together. Each root under terraform/environments calls this
# once with its name, sizes and protection; the provider (region) and the state backend stay in the root.

module "network" {
  source = "../network"

  environment       = var.environment
  az_count          = var.size.az_count
  nat_gateway_count = var.size.nat_gateway_count

  create_vpc                  = var.deployment.existing_vpc_id == ""
  existing_vpc_id             = var.deployment.existing_vpc_id
  existing_public_subnet_ids  = var.deployment.existing_public_subnet_ids
  existing_private_subnet_ids = var.deployment.existing_private_subnet_ids
}

module "storage" {
  source = "../storage"

  environment             = var.environment
  bucket_name_suffix      = var.deployment.bucket_name_suffix
  deletion_protection     = var.deletion_protection
  noncurrent_version_days = var.size.noncurrent_version_days
}

module "auth" {
  source = "../auth"

  environment         = var.environment
  deletion_protection = var.deletion_protection
}

module "service" {
  source = "../service"

  environment         = var.environment
  deletion_protection = var.deletion_protection

  vpc_id             = module.network.vpc_id
  public_subnet_ids  = module.network.public_subnet_ids
  private_subnet_ids = module.network.private_subnet_ids

  image_tag       = var.deployment.image_tag
  domain_name     = var.deployment.domain_name
  hosted_zone_id  = var.deployment.hosted_zone_id
  certificate_arn = var.deployment.certificate_arn

  cpu                = var.size.cpu
  memory             = var.size.memory
  desired_count      = var.size.desired_count
  min_count          = var.size.min_count
  max_count          = var.size.max_count
  log_retention_days = var.size.log_retention_days

  generation_table_name = module.storage.generation_table_name
  operations_table_name = module.storage.operations_table_name
  table_arns            = module.storage.table_arns
  assets_bucket_name    = module.storage.assets_bucket_name
  sites_bucket_name     = module.storage.sites_bucket_name
  bucket_arns           = module.storage.bucket_arns

  generation_provider = var.deployment.generation_provider
  bedrock_model_id    = var.deployment.bedrock_model_id
  bedrock_region      = var.deployment.bedrock_region
  images_provider     = var.deployment.images_provider

  cognito_user_pool_id = module.auth.user_pool_id
  cognito_client_id    = module.auth.app_client_id
}

module "monitoring" {
  source = "../monitoring"

  environment              = var.environment
  alarm_email              = var.deployment.alarm_email
  cluster_name             = module.service.cluster_name
  service_name             = module.service.service_name
  load_balancer_arn_suffix = module.service.load_balancer_arn_suffix
  target_group_arn_suffix  = module.service.target_group_arn_suffix
}
