output "user_pool_id" {
  description = "SiteBuilder:Authentication:Cognito:UserPoolId."
  value       = aws_cognito_user_pool.this.id
}

output "user_pool_arn" {
  description = "ARN of the user pool."
  value       = aws_cognito_user_pool.this.arn
}

output "app_client_id" {
  description = "SiteBuilder:Authentication:Cognito:ClientIds:0, and --client-id of initiate-auth."
  value       = aws_cognito_user_pool_client.api.id
}

output "group_names" {
  description = "One group per portal role."
  value       = [for group in aws_cognito_user_group.role : group.name]
}
