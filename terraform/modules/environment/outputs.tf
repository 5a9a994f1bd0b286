output "url" {
  description = "The portal."
  value       = module.service.url
}

output "load_balancer_dns_name" {
  description = "Point domain_name here when hosted_zone_id is empty."
  value       = module.service.load_balancer_dns_name
}

output "ecr_repository_url" {
  description = "Push the portal image here."
  value       = module.service.ecr_repository_url
}

output "cluster_name" {
  description = "ECS cluster."
  value       = module.service.cluster_name
}

output "service_name" {
  description = "ECS service."
  value       = module.service.service_name
}

output "log_group_name" {
  description = "Container logs (the first start prints the admin password here)."
  value       = module.service.log_group_name
}

output "generation_table_name" {
  description = "DynamoDB generation table."
  value       = module.storage.generation_table_name
}

output "operations_table_name" {
  description = "DynamoDB operations table."
  value       = module.storage.operations_table_name
}

output "assets_bucket_name" {
  description = "S3 assets bucket."
  value       = module.storage.assets_bucket_name
}

output "sites_bucket_name" {
  description = "S3 sites bucket."
  value       = module.storage.sites_bucket_name
}

output "cognito_user_pool_id" {
  description = "For admin-create-user and the API's token issuer."
  value       = module.auth.user_pool_id
}

output "cognito_app_client_id" {
  description = "--client-id of aws cognito-idp initiate-auth."
  value       = module.auth.app_client_id
}

output "dashboard_name" {
  description = "CloudWatch dashboard."
  value       = module.monitoring.dashboard_name
}
