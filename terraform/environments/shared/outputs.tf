# The environment's outputs, read by docs/deployment.md and the runbooks; module.environment describes each.
output "url" { value = module.environment.url }
output "load_balancer_dns_name" { value = module.environment.load_balancer_dns_name }
output "ecr_repository_url" { value = module.environment.ecr_repository_url }
output "cluster_name" { value = module.environment.cluster_name }
output "service_name" { value = module.environment.service_name }
output "log_group_name" { value = module.environment.log_group_name }
output "generation_table_name" { value = module.environment.generation_table_name }
output "operations_table_name" { value = module.environment.operations_table_name }
output "assets_bucket_name" { value = module.environment.assets_bucket_name }
output "sites_bucket_name" { value = module.environment.sites_bucket_name }
output "cognito_user_pool_id" { value = module.environment.cognito_user_pool_id }
output "cognito_app_client_id" { value = module.environment.cognito_app_client_id }
output "dashboard_name" { value = module.environment.dashboard_name }
