variable "environment" {
  description = "Environment name: dev, sit or prod. Part of every resource name."
  type        = string

  validation {
    condition     = contains(["dev", "sit", "prod"], var.environment)
    error_message = "environment must be dev, sit or prod."
  }
}

variable "deletion_protection" {
  description = "Protect the tables, the load balancer and the user pool from deletion, and keep the buckets on destroy (prod)."
  type        = bool
}

variable "size" {
  description = "What this environment pays for: task size and count, log retention, zones and NAT gateways, days old object versions are kept."
  type = object({
    cpu                     = number
    memory                  = number
    desired_count           = number
    min_count               = number
    max_count               = number
    log_retention_days      = number
    az_count                = number
    nat_gateway_count       = number
    noncurrent_version_days = number
  })
}

variable "deployment" {
  description = "The root's inputs (terraform/environments/shared/inputs.tf describes each): image, domain, certificate, model and network choices."
  type = object({
    image_tag                   = string
    domain_name                 = string
    hosted_zone_id              = string
    certificate_arn             = string
    bucket_name_suffix          = string
    alarm_email                 = string
    bedrock_region              = string
    bedrock_model_id            = string
    generation_provider         = string
    images_provider             = string
    existing_vpc_id             = string
    existing_public_subnet_ids  = list(string)
    existing_private_subnet_ids = list(string)
  })
}
