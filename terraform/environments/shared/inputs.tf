# The inputs of every environment root (each root links this file): set them in the root's terraform.tfvars or with -var.

variable "image_tag" {
  description = "The portal image to run: a tag pushed to this environment's ECR repository (see docs/deployment.md)."
  type        = string
}

variable "domain_name" {
  description = "Host name of the portal in this environment, e.g. dev.sitebuilder.example.com or sitebuilder.example.com (prod)."
  type        = string
}

variable "hosted_zone_id" {
  description = "Route 53 hosted zone of domain_name: the certificate is validated and the name points at the load balancer. Empty: give certificate_arn and create the DNS record yourself."
  type        = string
  default     = ""
}

variable "certificate_arn" {
  description = "An existing ACM certificate for domain_name in this region; empty requests one (needs hosted_zone_id)."
  type        = string
  default     = ""
}

variable "bucket_name_suffix" {
  description = "Appended to the bucket names when site-builder-{assets,sites}-{env} is taken in another account, e.g. \"-123456789012\"."
  type        = string
  default     = ""
}

variable "alarm_email" {
  description = "Who receives alarm notifications (empty: nobody; subscribe later to the SNS topic)."
  type        = string
  default     = ""
}

variable "bedrock_region" {
  description = "Where Claude is invoked: Claude is not served in every region, so this may differ from the app's region (cross-region inference)."
  type        = string
  default     = "eu-west-1"
}

variable "bedrock_model_id" {
  description = "Claude Sonnet 4.5's inference profile for bedrock_region (eu. profiles route within the EU)."
  type        = string
  default     = "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"
}

variable "generation_provider" {
  description = "Bedrock (Claude) or Offline (the offline composer, no model access needed)."
  type        = string
  default     = "Bedrock"
}

variable "images_provider" {
  description = "Bedrock (Stability Stable Image Core in us-west-2) or Offline (SVG drawn in-process)."
  type        = string
  default     = "Bedrock"
}

variable "existing_vpc_id" {
  description = "Run in this VPC instead of creating one (with the two subnet lists below). Empty: the network module creates a VPC."
  type        = string
  default     = ""
}

variable "existing_public_subnet_ids" {
  description = "With existing_vpc_id: public subnets in two or more zones for the load balancer."
  type        = list(string)
  default     = []
}

variable "existing_private_subnet_ids" {
  description = "With existing_vpc_id: private subnets with a NAT route for the tasks."
  type        = list(string)
  default     = []
}

locals {
  # What the root passes on to module.environment in one piece, so the module call in each root stays its sizes.
  deployment = {
    image_tag                   = var.image_tag
    domain_name                 = var.domain_name
    hosted_zone_id              = var.hosted_zone_id
    certificate_arn             = var.certificate_arn
    bucket_name_suffix          = var.bucket_name_suffix
    alarm_email                 = var.alarm_email
    bedrock_region              = var.bedrock_region
    bedrock_model_id            = var.bedrock_model_id
    generation_provider         = var.generation_provider
    images_provider             = var.images_provider
    existing_vpc_id             = var.existing_vpc_id
    existing_public_subnet_ids  = var.existing_public_subnet_ids
    existing_private_subnet_ids = var.existing_private_subnet_ids
  }
}
