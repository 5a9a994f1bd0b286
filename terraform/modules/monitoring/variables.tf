variable "environment" {
  description = "Environment name: dev, sit or prod. Fills {env} in the metric namespace SiteBuilder/{env}."
  type        = string
}

variable "alarm_email" {
  description = "Subscribed to the alarm topic (confirm the e-mail AWS sends). Empty: no subscription."
  type        = string
  default     = ""
}

variable "cluster_name" {
  description = "ECS cluster of the service (dashboard)."
  type        = string
}

variable "service_name" {
  description = "ECS service (dashboard)."
  type        = string
}

variable "load_balancer_arn_suffix" {
  description = "The load balancer's ARN suffix (dashboard)."
  type        = string
}

variable "target_group_arn_suffix" {
  description = "The target group's ARN suffix (dashboard)."
  type        = string
}
