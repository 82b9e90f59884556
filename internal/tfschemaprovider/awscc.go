package tfschemaprovider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// AWSCCProviderAddress is the provider the same binary serves when it runs
// as terraform-provider-awscc: hashicorp/awscc, whose package-group resource
// hashicorp/aws lacks.
const AWSCCProviderAddress = "registry.terraform.io/hashicorp/awscc"

// AWSCCSchemaEnv names the schema file served as hashicorp/awscc.
const AWSCCSchemaEnv = "TFSCHEMAPROVIDER_AWSCC_SCHEMA"

// AddressFor returns the provider address a binary serves, from its file
// name: AWSCCProviderAddress for terraform-provider-awscc (dev_overrides
// look for that name), DefaultProviderAddress for any other name.
func AddressFor(executable string) string {
	name := strings.TrimSuffix(filepath.Base(executable), ".exe")
	if name == "terraform-provider-awscc" {
		return AWSCCProviderAddress
	}
	return DefaultProviderAddress
}

// LoadSchemaFor reads a `providers schema -json` file and returns the
// schemas of the provider at address.
func LoadSchemaFor(path, address string) (*Schema, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read provider schema: %w", err)
	}
	s, err := ParseSchema(data, address)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// NewForAddress is NewFromEnv for the provider at address: the schema comes
// from AWSCCSchemaEnv for hashicorp/awscc and from SchemaEnv otherwise.
func NewForAddress(address string) (*Server, error) {
	if address != AWSCCProviderAddress {
		return NewFromEnv()
	}
	path := os.Getenv(AWSCCSchemaEnv)
	if path == "" {
		err := fmt.Errorf("%s is not set: set it to the path of the hashicorp/awscc schema, e.g. testdata/thirdparty/terraform/awscc-provider-1.96.0-codeartifact-schema.json", AWSCCSchemaEnv)
		return NewFailing(err), err
	}
	s, err := LoadSchemaFor(path, address)
	if err != nil {
		err = fmt.Errorf("%s=%s: %w", AWSCCSchemaEnv, path, err)
		return NewFailing(err), err
	}
	return New(s), nil
}
