# The Cognito user pool whose tokens the API accepts (SiteBuilder:Authentication:Cognito). The tenant a user acts
# for is custom:tenant_id: set by an administrator, never by the user, so the app client cannot write it.

resource "aws_cognito_user_pool" "this" {
  name = "site-builder-${var.environment}"

  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = var.deletion_protection ? "ACTIVE" : "INACTIVE"
  mfa_configuration        = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }

  # Accounts are created by administrators (admin-create-user), who also set the tenant.
  admin_create_user_config {
    allow_admin_create_user_only = true
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = true
    temporary_password_validity_days = 3
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  schema {
    name                     = "email"
    attribute_data_type      = "String"
    required                 = true
    mutable                  = true
    developer_only_attribute = false

    string_attribute_constraints {
      min_length = 3
      max_length = 254
    }
  }

  # custom:tenant_id; the API checks it against X-Tenant-Id and the path.
  schema {
    name                     = "tenant_id"
    attribute_data_type      = "String"
    mutable                  = true
    developer_only_attribute = false

    string_attribute_constraints {
      min_length = 1
      max_length = 64
    }
  }
}

resource "aws_cognito_user_group" "role" {
  for_each = toset(var.roles)

  name         = each.value
  user_pool_id = aws_cognito_user_pool.this.id
  description  = "SiteBuilder Portal role ${each.value}"
}

# The seed's client: aws cognito-idp initiate-auth --auth-flow USER_PASSWORD_AUTH --client-id ... (no secret).
resource "aws_cognito_user_pool_client" "api" {
  name         = "site-builder-api-${var.environment}"
  user_pool_id = aws_cognito_user_pool.this.id

  generate_secret               = false
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
  explicit_auth_flows = [
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
  ]

  read_attributes  = ["email", "email_verified", "name", "custom:tenant_id"]
  write_attributes = ["email", "name"]

  access_token_validity  = var.access_token_validity_minutes
  id_token_validity      = var.access_token_validity_minutes
  refresh_token_validity = var.refresh_token_validity_days

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}
