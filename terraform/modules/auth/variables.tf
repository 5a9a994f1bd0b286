variable "environment" {
  description = "Environment name: dev, sit or prod."
  type        = string
}

variable "deletion_protection" {
  description = "Protect the user pool from deletion (prod)."
  type        = bool
  default     = false
}

variable "roles" {
  description = "The portal's roles (SiteBuilder.Identity.Roles); each becomes a user-pool group."
  type        = list(string)
  default     = ["Marketer", "Operator", "TechLead", "DevOpsLead", "ProductOwner", "Admin"]
}

variable "access_token_validity_minutes" {
  description = "Lifetime of ID and access tokens."
  type        = number
  default     = 60
}

variable "refresh_token_validity_days" {
  description = "Lifetime of refresh tokens."
  type        = number
  default     = 30
}
