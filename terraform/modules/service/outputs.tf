output "url" {
  description = "Where the portal answers."
  value       = "https://${var.domain_name}"
}

output "load_balancer_dns_name" {
  description = "Point domain_name here (CNAME or alias) when the module does not manage the DNS record."
  value       = aws_lb.portal.dns_name
}

output "load_balancer_arn_suffix" {
  description = "For CloudWatch's AWS/ApplicationELB dimensions."
  value       = aws_lb.portal.arn_suffix
}

output "target_group_arn_suffix" {
  description = "For CloudWatch's AWS/ApplicationELB dimensions."
  value       = aws_lb_target_group.portal.arn_suffix
}

output "ecr_repository_url" {
  description = "docker push here: {url}:{tag}."
  value       = aws_ecr_repository.portal.repository_url
}

output "cluster_name" {
  description = "ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "service_name" {
  description = "ECS service."
  value       = aws_ecs_service.portal.name
}

output "log_group_name" {
  description = "Container logs, including the first start's admin password."
  value       = aws_cloudwatch_log_group.portal.name
}

output "task_role_arn" {
  description = "The portal's own permissions."
  value       = aws_iam_role.task.arn
}
