# The five modules used to be called by each root directly; these keep their state (no destroy and re-create) now that
# module "environment" calls them. Every root links this file.
moved {
  from = module.network
  to   = module.environment.module.network
}

moved {
  from = module.storage
  to   = module.environment.module.storage
}

moved {
  from = module.auth
  to   = module.environment.module.auth
}

moved {
  from = module.service
  to   = module.environment.module.service
}

moved {
  from = module.monitoring
  to   = module.environment.module.monitoring
}
