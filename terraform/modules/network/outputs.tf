output "vpc_id" {
  description = "The VPC the service runs in."
  value       = var.create_vpc ? aws_vpc.this[0].id : var.existing_vpc_id
}

output "public_subnet_ids" {
  description = "Subnets for the load balancer."
  value       = var.create_vpc ? aws_subnet.public[*].id : var.existing_public_subnet_ids
}

output "private_subnet_ids" {
  description = "Subnets for the Fargate tasks."
  value       = var.create_vpc ? aws_subnet.private[*].id : var.existing_private_subnet_ids
}
