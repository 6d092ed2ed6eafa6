// The services ActionTrail supports, exactly as the Introduction lists them (docs/actiontrail.md "Services":
// 105 rows in their categories; some codes serve several products, e.g. Vpc). DescribeSupportedServices
// answers these and the services seen in events (lib/catalog/supported-services.ts).
export interface SupportedServiceRow {
  category: string;
  name: string;
  /** The service code, as events carry it in serviceName. */
  code: string;
}

export const SUPPORTED_SERVICE_ROWS: readonly SupportedServiceRow[] = [
  // Elastic computing
  { category: "Elastic computing", name: "Elastic Compute Service", code: "Ecs" },
  { category: "Elastic computing", name: "Auto Scaling", code: "Ess" },
  { category: "Elastic computing", name: "Container Service for Kubernetes", code: "CS" },
  { category: "Elastic computing", name: "Container Registry", code: "cr" },
  { category: "Elastic computing", name: "Simple Application Server", code: "SWAS" },
  { category: "Elastic computing", name: "Batch Compute", code: "BatchCompute" },
  { category: "Elastic computing", name: "Elastic High Performance Computing", code: "EHPC" },
  { category: "Elastic computing", name: "Web App Service", code: "WebPlus" },
  { category: "Elastic computing", name: "Elastic Container Instance", code: "Eci" },
  { category: "Elastic computing", name: "Function Compute", code: "FC" },
  { category: "Elastic computing", name: "Elastic Desktop Service", code: "ECD" },
  { category: "Elastic computing", name: "Elastic Block Storage", code: "EBS" },
  { category: "Elastic computing", name: "Serverless Workflow", code: "FnF" },
  // Storage
  { category: "Storage", name: "Apsara File Storage NAS", code: "NAS" },
  { category: "Storage", name: "Object Storage Service", code: "Oss" },
  { category: "Storage", name: "Intelligent Media Management", code: "IMM" },
  { category: "Storage", name: "Cloud Storage Gateway", code: "CloudStorageGateway" },
  { category: "Storage", name: "Hybrid Backup Recovery", code: "HBR" },
  { category: "Storage", name: "Lightning Cube", code: "HcsMgw" },
  { category: "Storage", name: "Log Service", code: "SLS" },
  // Database
  { category: "Database", name: "ApsaraDB RDS", code: "Rds" },
  { category: "Database", name: "Data Transmission Service", code: "Dts" },
  { category: "Database", name: "HybridDB for PostgreSQL", code: "gpdb" },
  { category: "Database", name: "ApsaraDB for Redis", code: "R-kvstore" },
  { category: "Database", name: "PolarDB-X", code: "Drds" },
  { category: "Database", name: "ApsaraDB for MongoDB", code: "Dds" },
  { category: "Database", name: "Tablestore", code: "OTS" },
  { category: "Database", name: "AnalyticDB for MySQL V2.0", code: "ADS" },
  { category: "Database", name: "ApsaraDB for HBase", code: "HBase" },
  { category: "Database", name: "Time Series Database", code: "TSDB" },
  { category: "Database", name: "ApsaraDB for Cassandra", code: "Cassandra" },
  { category: "Database", name: "ApsaraDB for OceanBase", code: "OceanBase" },
  { category: "Database", name: "Advanced Database & Application Migration", code: "ADAM" },
  { category: "Database", name: "Database Backup", code: "DBS" },
  { category: "Database", name: "Data Lake Analytics", code: "DataLakeAnalytics" },
  // Networking
  { category: "Networking", name: "Virtual Private Cloud", code: "Vpc" },
  { category: "Networking", name: "NAT Gateway", code: "Vpc" },
  { category: "Networking", name: "Elastic IP Address", code: "Vpc" },
  { category: "Networking", name: "Express Connect", code: "Vpc" },
  { category: "Networking", name: "Global Accelerator", code: "Vpc" },
  { category: "Networking", name: "Cloud Enterprise Network", code: "Cen" },
  { category: "Networking", name: "Classic Load Balancer", code: "Slb" },
  { category: "Networking", name: "Application Load Balancer", code: "ALB" },
  { category: "Networking", name: "Smart Access Gateway", code: "Smartag" },
  { category: "Networking", name: "PrivateLink", code: "Privatelink" },
  { category: "Networking", name: "Alibaba Cloud DNS PrivateZone", code: "PrivateZone" },
  { category: "Networking", name: "Global Accelerator", code: "Ga" },
  // Media services and CDN
  { category: "Media services and CDN", name: "Alibaba Cloud CDN", code: "Cdn" },
  { category: "Media services and CDN", name: "ApsaraVideo VOD", code: "vod" },
  { category: "Media services and CDN", name: "ApsaraVideo Live", code: "live" },
  { category: "Media services and CDN", name: "ApsaraVideo for Media Processing", code: "Mts" },
  { category: "Media services and CDN", name: "Dynamic Route for CDN", code: "DCDN" },
  { category: "Media services and CDN", name: "Edge Node Service", code: "ENS" },
  // Domains and hosting
  { category: "Domains and hosting", name: "Domains", code: "Domain" },
  { category: "Domains and hosting", name: "Domains", code: "Domain-intl" },
  { category: "Domains and hosting", name: "Alibaba Cloud DNS", code: "Alidns" },
  // Application services
  { category: "Application services", name: "API Gateway", code: "CloudAPI" },
  { category: "Application services", name: "Blockchain as a Service", code: "Baas" },
  // Middleware
  { category: "Middleware", name: "Message Queue for Apache RocketMQ", code: "Ons" },
  { category: "Middleware", name: "Message Queue for Apache Kafka", code: "AliKafka" },
  { category: "Middleware", name: "Application Configuration Management", code: "ACM" },
  { category: "Middleware", name: "EventBridge", code: "EventBridge" },
  // Cloud communications
  { category: "Cloud communications", name: "Short Message Service", code: "Dysms" },
  { category: "Cloud communications", name: "Short Message Service API", code: "Dysmsapi" },
  { category: "Cloud communications", name: "ChatAPP", code: "ChatAppMessageService" },
  // Security
  { category: "Security", name: "Anti-DDoS Premium", code: "ddosdip" },
  { category: "Security", name: "Anti-DDoS Pro", code: "ddoscoo" },
  { category: "Security", name: "Web Application Firewall", code: "Waf" },
  { category: "Security", name: "Web Application Firewall API", code: "waf-openapi" },
  { category: "Security", name: "Server Guard", code: "aegis" },
  { category: "Security", name: "Cloud Firewall", code: "Cloudfw" },
  { category: "Security", name: "Website Threat Inspector", code: "avds" },
  { category: "Security", name: "SSL Certificates Service", code: "cas" },
  { category: "Security", name: "Security Center", code: "Sas" },
  { category: "Security", name: "Content Moderation", code: "Green" },
  { category: "Security", name: "Fraud Detection", code: "SAF" },
  { category: "Security", name: "GameShield", code: "Gameshield" },
  { category: "Security", name: "Managed Security Service", code: "Mssp" },
  // Big data
  { category: "Big data", name: "E-MapReduce", code: "Emr" },
  { category: "Big data", name: "Quick BI", code: "quickbi" },
  { category: "Big data", name: "DataWorks", code: "DataWorks" },
  { category: "Big data", name: "Elasticsearch", code: "ElasticSearch" },
  { category: "Big data", name: "DataV", code: "DataV" },
  // AI
  { category: "AI", name: "Machine Learning Platform for AI", code: "PAI" },
  // Containers and middleware
  { category: "Containers and middleware", name: "Message Service", code: "MNS" },
  { category: "Containers and middleware", name: "Enterprise Distributed Application Service", code: "EDAS" },
  // IoT
  { category: "IoT", name: "IoT Platform", code: "iot" },
  // Management and monitoring
  { category: "Management and monitoring", name: "CloudMonitor", code: "Cms" },
  { category: "Management and monitoring", name: "Resource Access Management", code: "Ram" },
  { category: "Management and monitoring", name: "Identity Management Service", code: "Ims" },
  { category: "Management and monitoring", name: "Aas", code: "Aas" },
  { category: "Management and monitoring", name: "AasCustomer", code: "AasCustomer" },
  { category: "Management and monitoring", name: "AasSub", code: "AasSub" },
  { category: "Management and monitoring", name: "Security Token Service", code: "Sts" },
  { category: "Management and monitoring", name: "Resource Management", code: "ResourceManager" },
  { category: "Management and monitoring", name: "ActionTrail", code: "Actiontrail" },
  { category: "Management and monitoring", name: "Cloud Config", code: "Config" },
  { category: "Management and monitoring", name: "Resource Orchestration Service", code: "ROS" },
  { category: "Management and monitoring", name: "Key Management Service", code: "Kms" },
  // Membership services
  { category: "Membership services", name: "Billing Management API", code: "BssOpenApi" },
  // Development and O&M
  { category: "Development and O&M", name: "Application High Availability Service", code: "AHAS" },
  { category: "Development and O&M", name: "Tracing Analysis", code: "Tracing" },
  { category: "Development and O&M", name: "Logic Composer", code: "LC" },
  { category: "Development and O&M", name: "CloudSSO", code: "CloudSSO" },
  { category: "Development and O&M", name: "Application Real-Time Monitoring Service", code: "ARMS" },
  // Enterprise applications and services
  { category: "Enterprise applications and services", name: "Direct Mail", code: "DirectMail" },
];
